import { createContext, useContext } from 'react';

/**
 * The board's usual forløb type (shared/rules/cardFace.ts), given once by the board so each
 * card face can leave it out without every card counting the board again.
 */
export const UsualForlobTypeContext = createContext<string | null>(null);

export const useUsualForlobType = (): string | null => useContext(UsualForlobTypeContext);
