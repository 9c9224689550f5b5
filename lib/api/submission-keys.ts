/**
 * Idempotency keys for create requests. A key belongs to one body: sending the same body again after an answer we
 * could not trust (no answer, or a 5xx — the task may exist) reuses the key, so the BFF returns the first task
 * instead of creating a second. A definite answer (success, or a 4xx refusal) retires the key.
 */
export class SubmissionKeys {
  private readonly pending = new Map<string, string>();

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  private static fingerprint(body: unknown): string {
    return JSON.stringify(body);
  }

  keyFor(body: unknown): string {
    const fingerprint = SubmissionKeys.fingerprint(body);
    let key = this.pending.get(fingerprint);
    if (!key) {
      key = this.newKey();
      this.pending.set(fingerprint, key);
    }
    return key;
  }

  /** Called with every answer; `outcomeUnknown` keeps the key for the retry. */
  settle(body: unknown, outcomeUnknown: boolean): void {
    if (!outcomeUnknown) this.pending.delete(SubmissionKeys.fingerprint(body));
  }
}
