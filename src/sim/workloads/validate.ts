/** Checks shared by every workload; each throws an Error naming the field and the value. */
export function requireKeyCount(keys: number): void {
  if (!Number.isInteger(keys) || keys < 1) throw new Error(`workload keys must be a whole number of at least 1, got ${keys}`);
}

export function requireInRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`workload ${name} must be between ${min} and ${max}, got ${value}`);
  }
}
