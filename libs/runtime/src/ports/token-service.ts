/**
 * Task tokens (ARCHITECTURE §7): unguessable strings tied to one task attempt. `issue` is
 * deterministic for a task id, so a re-dispatched attempt carries the same token; `verify` returns
 * the task id, or undefined for a forged or malformed token (constant-time comparison).
 */
export interface TokenService {
  issue(taskId: string): string;
  verify(token: string): string | undefined;
}
