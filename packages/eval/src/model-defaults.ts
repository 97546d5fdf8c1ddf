/** Model defaults as a built prompt package carries them. */
export interface PromptModelDefaults {
  readonly name: string;
  readonly temperature?: number;
  readonly maxTokens?: number;
  readonly topP?: number;
  readonly seed?: number;
  readonly stop?: readonly string[];
}
