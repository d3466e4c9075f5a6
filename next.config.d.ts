// Types for tests that read next.config.js (the file stays plain JS for Next.js).
declare const config: import('next').NextConfig;
export default config;
