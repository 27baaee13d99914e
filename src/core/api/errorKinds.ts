/** Every ApiErrorKind as data, for reading stored or received values (no SDK import: the webview bundles this). */
import type { ApiErrorKind } from './errors';

/** A `Record` over the union, so the compiler fails here when a kind is added. */
const API_ERROR_KINDS: Record<ApiErrorKind, true> = {
  auth: true,
  payment: true,
  'model-not-found': true,
  'rate-limited': true,
  'bad-request': true,
  server: true,
  network: true,
  timeout: true,
  cancelled: true,
};

export function isApiErrorKind(value: unknown): value is ApiErrorKind {
  return typeof value === 'string' && Object.hasOwn(API_ERROR_KINDS, value);
}
