import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { da } from './da';
import { en } from './en';

export type UiLang = 'da' | 'en';

/** Danish is the default; the signed-in user's `lang` switches it after /api/me. */
export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { da: { translation: da }, en: { translation: en } },
    lng: 'da',
    fallbackLng: 'da',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

export function currentLang(): UiLang {
  return i18next.language === 'en' ? 'en' : 'da';
}
