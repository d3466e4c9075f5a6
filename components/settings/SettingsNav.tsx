'use client';
import { useSelectedLayoutSegment } from 'next/navigation';
import { Tabs } from '../ui/Tabs';

const pages = [[null, '/settings', 'Alert rules'], ['channels', '/settings/channels', 'Notification channels'], ['tokens', '/settings/tokens', 'API tokens'], ['users', '/settings/users', 'Users and audit'], ['data', '/settings/data', 'Data retention']] as const;

/** The settings pages, the one shown marked: read from the URL, since the layout that draws it stays across them. */
export function SettingsNav() {
  const current = useSelectedLayoutSegment();
  return <Tabs label="Settings" tabs={pages.map(([segment, href, label]) => ({ href, label, current: current === segment }))} />;
}
