import { NextResponse } from 'next/server';
import { openApiDocument } from '@/lib/protocol/openapi';

export const dynamic = 'force-static';

export function GET(): NextResponse {
  return NextResponse.json(openApiDocument(process.env.npm_package_version ?? '0.1.0'));
}
