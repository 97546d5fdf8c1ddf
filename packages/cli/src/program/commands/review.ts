import type { ReviewValues } from '../../review/review-command.js';
import type { RegisterCommand } from '../register-command.js';
import { withExamples } from '../help-text.js';

export const registerReview: RegisterCommand = (program, invocation) => {
  const review = program
    .command('review')
    .summary('grade answers that ask for a person, on a local page; --agreement compares reviewers')
    .description(
      'Serve a page on 127.0.0.1 where a reviewer grades the answers of an eval result that ask for a person (review: true, human: { rubric }, type: human) hard, soft or fail from the keyboard. Each grade is saved to <id>/reviews.json at once; commit it with the prompt. Ctrl-C stops the server.',
    )
    .argument('[prompt]', "the prompt id or folder (default: the result's prompt)")
    .option('--results <file>', 'the eval result to review (promptpack eval --report json, or an eval-result.json)')
    .option('--reviewer <name>', 'who grades (required to serve)')
    .option('--port <n>', 'the port to listen on (default: 0, a free one)')
    .option('--agreement', "print raw agreement and Cohen's kappa of each pair of reviewers in reviews.json, and where they disagree")
    .action(async (prompt: string | undefined, values: ReviewValues) => {
      const { reviewCommand } = await import('../../review/review-command.js');
      invocation.exitCode = await reviewCommand(prompt, values, invocation.io);
    });
  withExamples(review, ['promptpack review --results eval-reports/support-reply.eval.json --reviewer ana@acme.example', 'promptpack review support-reply --agreement']);
};
