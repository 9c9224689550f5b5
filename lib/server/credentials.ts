import 'server-only';
/**
 * Credentials come from the official chain only (environment, OIDC role, CLI profile, credentials file, ECS RAM role,
 * credentials URI), so that production can use temporary role credentials without code changes. This module never
 * reads or logs a key itself.
 */
import CredentialModule from '@alicloud/credentials';
import { cjsDefault } from './sdk-interop';
import { brandOf, hasBrand } from './error-brand';

const Credential = cjsDefault(CredentialModule);
export type CredentialClient = InstanceType<typeof Credential>;

const CREDENTIALS_ERROR_BRAND = brandOf('CredentialsError');
export class CredentialsError extends Error {
  readonly [CREDENTIALS_ERROR_BRAND] = true;
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, CREDENTIALS_ERROR_BRAND);
  }
  override name = 'CredentialsError';
}

/** A credentials client on the default chain. It resolves lazily and refreshes temporary credentials itself. */
export function createCredential(): CredentialClient {
  return new Credential();
}

/**
 * Resolves the chain once, to find out at start-up whether it yields anything. The chain's own error lists every
 * source it tried; it names environment variables and files, never a secret, but we keep to our own wording anyway.
 */
export async function checkCredential(credential: CredentialClient): Promise<{ provider: string }> {
  try {
    const model = await credential.getCredential();
    if (!model.accessKeyId && !model.bearerToken) throw new Error('empty credentials');
    return { provider: model.providerName ?? model.type ?? 'unknown' };
  } catch {
    throw new CredentialsError(
      'No Alibaba Cloud credentials found: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (or another source of the credentials chain)',
    );
  }
}
