import { SettingsNav } from '@/components/settings/SettingsNav';

/** Every settings page under one heading and one sub-navigation. */
export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Settings</h1>
      <SettingsNav />
      {children}
    </div>
  );
}
