/**
 * Named expression fragments (STYLE habit 4): each call registers its attribute names and values
 * with unique placeholders, so fragments compose into one ConditionExpression safely.
 */
export class Expr {
  private readonly names: Record<string, string> = {};
  private readonly values: Record<string, unknown> = {};
  private n = 0;

  name(attr: string): string {
    const key = `#${attr.replace(/[^A-Za-z0-9_]/g, '_')}`;
    this.names[key] = attr;
    return key;
  }

  value(v: unknown): string {
    const key = `:v${this.n++}`;
    this.values[key] = v;
    return key;
  }

  exists(attr: string): string {
    return `attribute_exists(${this.name(attr)})`;
  }

  notExists(attr: string): string {
    return `attribute_not_exists(${this.name(attr)})`;
  }

  equals(attr: string, v: unknown): string {
    return `${this.name(attr)} = ${this.value(v)}`;
  }

  zeroOrAbsent(attr: string): string {
    return `(${this.notExists(attr)} OR ${this.equals(attr, 0)})`;
  }

  /** attr + delta stays within [0, limit]; a missing attribute counts as 0. */
  counterWithin(attr: string, delta: number, limit?: number): string {
    const parts: string[] = [];
    const n = this.name(attr);
    if (delta < 0) parts.push(`${n} >= ${this.value(-delta)}`);
    if (limit !== undefined) {
      const max = limit - delta;
      parts.push(max >= 0 ? `(${this.notExists(attr)} OR ${n} <= ${this.value(max)})` : `${n} <= ${this.value(max)}`);
    }
    return parts.join(' AND ');
  }

  params(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } {
    return {
      ...(Object.keys(this.names).length > 0 ? { ExpressionAttributeNames: { ...this.names } } : {}),
      ...(Object.keys(this.values).length > 0 ? { ExpressionAttributeValues: { ...this.values } } : {}),
    };
  }
}
