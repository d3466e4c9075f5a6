import { NextResponse } from 'next/server';
import { openApiDocument } from '@/lib/protocol';
import pkg from '@/package.json';

export const dynamic = 'force-static';

export function GET(): NextResponse {
  return NextResponse.json(openApiDocument(pkg.version));
}
