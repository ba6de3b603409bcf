import * as RadixTabs from '@radix-ui/react-tabs';
import type { ComponentProps } from 'react';

/*
 * Tabs on Radix UI (WAI-ARIA tabs: roving focus, arrow keys, Home/End, ids linking tab and
 * panel) with Tavlen's look (components.css). The rest of the app uses these, never
 * role="tablist" by hand.
 */
const cx = (base: string, extra?: string) => (extra ? `${base} ${extra}` : base);

export const Tabs = RadixTabs.Root;

export function TabList({ className, ...props }: ComponentProps<typeof RadixTabs.List>) {
  return <RadixTabs.List className={cx('tabs-list', className)} {...props} />;
}

export function Tab({ className, ...props }: ComponentProps<typeof RadixTabs.Trigger>) {
  return <RadixTabs.Trigger className={cx('tab', className)} {...props} />;
}

export function TabPanel({ className, ...props }: ComponentProps<typeof RadixTabs.Content>) {
  return <RadixTabs.Content className={cx('tab-panel', className)} {...props} />;
}
