import 'server-only';
/**
 * Credentials come from the official chain only (environment, OIDC role, CLI profile, credentials file, ECS RAM role,
 * credentials URI), so that production can use temporary role credentials without code changes. This module never
 * uses or logs a key itself; it only looks at whether the environment's pair is complete.
 */
import CredentialModule from '@alicloud/credentials';
import { cjsDefault } from './sdk-interop';
import { BrandedError } from './error-brand';

const Credential = cjsDefault(CredentialModule);
export type CredentialClient = InstanceType<typeof Credential>;

export class CredentialsError extends BrandedError('CredentialsError') {}

/** A credentials client on the default chain. It resolves lazily and refreshes temporary credentials itself. */
export function createCredential(): CredentialClient {
  return new Credential();
}

/**
 * Resolves the chain once, to find out at start-up whether it yields anything. The chain's own error lists every
 * source it tried; it names environment variables and files, never a secret, but we keep to our own wording anyway.
 */
export async function checkCredential(credential: CredentialClient): Promise<{ provider: string }> {
  // Half a key pair in the environment is the likeliest slip; the chain would only say it found nothing usable.
  const pair = ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'];
  const missing = pair.filter((name) => !process.env[name]?.trim());
  if (missing.length === 1) {
    throw new CredentialsError(`${missing[0]} is not set, while ${pair.find((name) => !missing.includes(name))} is: set both`);
  }
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
