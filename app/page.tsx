import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { getServerSession } from '@/lib/auth/session';
import styles from './landing.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: { absolute: `Orylo · ${(await getTranslations('landing'))('title')}` } };
}

const FEATURES = ['live', 'warRoom', 'rules', 'team'] as const;

// What a visitor sees first: what Orylo is, and the way in. A signed-in
// person goes straight to the dashboard.
export default async function Landing() {
  if (await getServerSession()) redirect('/dashboard');
  const t = await getTranslations('landing');
  return (
    <div className={styles.page}>
      <header className={styles.top}>
        <span className="brand">
          <span className="brand-mark" aria-hidden />
          Orylo
        </span>
        <LanguageSwitcher />
      </header>
      <main className={styles.hero}>
        <h1>{t('title')}</h1>
        <p className={styles.lead}>{t('lead')}</p>
        <div className={styles.actions}>
          <Link className="btn btn-primary" href="/sign-up" data-testid="landing-sign-up">
            {t('signUp')}
          </Link>
          <Link className="btn" href="/sign-in" data-testid="landing-sign-in">
            {t('signIn')}
          </Link>
        </div>
      </main>
      <section aria-label={t('features.label')}>
        <ul className={styles.features}>
          {FEATURES.map((f) => (
            <li key={f}>
              <h2 className={styles.featureTitle}>{t(`features.${f}.title`)}</h2>
              <p>{t(`features.${f}.text`)}</p>
            </li>
          ))}
        </ul>
      </section>
      <p className={styles.foot}>{t('selfHosted')}</p>
    </div>
  );
}
