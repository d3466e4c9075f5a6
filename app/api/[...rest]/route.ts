import { AppError } from '@/lib/server/errors';
import { errorResponse } from '@/lib/server/http';

// An address under /api that no route serves: the API's JSON error, not the dashboard's HTML 404.
const notFound = async (): Promise<Response> => errorResponse(new AppError('not_found', 'no such API route: the API is described at /api/v1/openapi.json'));

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
