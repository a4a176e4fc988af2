// i18next set-up: zh-CN by default, English second; the choice is kept in localStorage.
// Our English texts load only when English is chosen: the first page of most
// users, in Chinese, does not carry them.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from 'antd/es/locale';
import antdZhCN from 'antd/es/locale/zh_CN';
// antd's English is its built-in default, in the first chunk whatever we do
import antdEnUS from 'antd/es/locale/en_US';
import zhCN from './locales/zh-CN';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: Language[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'kechuang.lang';

export function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage unavailable: use the default
  }
  return 'zh-CN';
}

function applyLanguage(lng: string) {
  dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lng === 'en' ? 'en' : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  // English, when saved, is switched to by loadInitialLanguage() once its texts are loaded
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
applyLanguage(i18n.language);
document.title = i18n.t('app.title');

i18n.on('languageChanged', (lng) => {
  applyLanguage(lng);
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore
  }
  document.title = i18n.t('app.title');
});

const antdLocales: Record<Language, Locale> = { 'zh-CN': antdZhCN, en: antdEnUS };
let englishLoaded = false;

/** Loads a language's texts (once) and switches the UI to it. */
export async function setLanguage(lng: Language): Promise<void> {
  if (lng === 'en' && !englishLoaded) {
    i18n.addResourceBundle('en', 'translation', (await import('./locales/en')).default, true, true);
    englishLoaded = true;
  }
  await i18n.changeLanguage(lng);
}

/** The saved language, loaded before the first render (a no-op for Chinese). */
export function loadInitialLanguage(): Promise<void> {
  const lng = initialLanguage();
  return lng === 'zh-CN' ? Promise.resolve() : setLanguage(lng).catch(() => {});
}

/** antd's own texts (pagination, date pickers, empty tables) in the UI language. */
export function antdLocale(): Locale {
  return antdLocales[currentLanguage()];
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export default i18n;
