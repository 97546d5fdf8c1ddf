/**
 * The fields a flag document can look at, as Unleash names them. Standard
 * fields first, then `properties` for custom context fields.
 */
export interface EvaluationContext {
  userId?: string;
  sessionId?: string;
  remoteAddress?: string;
  appName?: string;
  environment?: string;
  /** For DATE_AFTER / DATE_BEFORE constraints; now when absent. */
  currentTime?: Date | string;
  properties?: Record<string, string | undefined>;
}

/**
 * A context field as a string, the way Unleash resolves it: a standard field
 * wins over a property of the same name; absent (or null) is undefined.
 */
export function contextValue(context: EvaluationContext, field: string): string | undefined {
  const standard = Object.hasOwn(context, field) ? (context as Record<string, unknown>)[field] : undefined;
  const value = standard ?? (context.properties && Object.hasOwn(context.properties, field) ? context.properties[field] : undefined);
  return value === undefined || value === null ? undefined : String(value);
}
