/** A shared section a template may include, as the loader found it. */
export interface IncludableSection {
  /** Path of the section's file as it appears in diagnostics (`prompts/_shared/safety.md`). */
  file: string;
  text: string;
}

export interface AnalyzeTemplateOptions {
  /**
   * The shared sections this template may include with `{{> name}}`; only
   * policy.md gets them. Left out, any include is an error (template.hbs).
   */
  shared?: {
    /** The sections the template includes that exist, by name, with their text. */
    sections: ReadonlyMap<string, IncludableSection>;
    /** Every section name that exists, for the hint when an include names none of them. */
    available: readonly string[];
    /** The prompt whose policy this is, named in problems found inside a section. */
    promptId: string;
  };
}
