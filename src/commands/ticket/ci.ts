import type { Env } from '../../io/iostreams.ts';

/** Where a CI job runs, read from the variables GitHub Actions and GitLab CI set. */
export interface CiContext {
  provider: 'GitHub Actions' | 'GitLab CI';
  project: string;
  runUrl: string;
  commit?: string;
  branch?: string;
  workflow?: string;
  job?: string;
  /**
   * Names the run and the job, not the attempt: a re-run of the same failed job derives the same key, so it
   * files nothing new.
   */
  idempotencyKey: string;
}

export function detectCi(env: Env): CiContext | undefined {
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
    return {
      provider: 'GitHub Actions',
      project: env.GITHUB_REPOSITORY,
      runUrl: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
      commit: env.GITHUB_SHA,
      branch: env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME,
      workflow: env.GITHUB_WORKFLOW,
      job: env.GITHUB_JOB,
      idempotencyKey: `ci:github:${env.GITHUB_REPOSITORY}:${env.GITHUB_RUN_ID}:${env.GITHUB_JOB ?? ''}`,
    };
  }
  if (env.GITLAB_CI === 'true' && env.CI_PROJECT_PATH && env.CI_PIPELINE_ID) {
    return {
      provider: 'GitLab CI',
      project: env.CI_PROJECT_PATH,
      // the pipeline's URL, not the job's: a retried job gets a new job URL but is the same failure
      runUrl: env.CI_PIPELINE_URL ?? `${env.CI_PROJECT_URL ?? ''}/-/pipelines/${env.CI_PIPELINE_ID}`,
      commit: env.CI_COMMIT_SHA,
      branch: env.CI_COMMIT_REF_NAME,
      workflow: env.CI_PIPELINE_NAME,
      job: env.CI_JOB_NAME,
      idempotencyKey: `ci:gitlab:${env.CI_PROJECT_PATH}:${env.CI_PIPELINE_ID}:${env.CI_JOB_NAME ?? ''}`,
    };
  }
  return undefined;
}

export function ciSummary(ci: CiContext): string {
  return `CI failure: ${[ci.workflow, ci.job].filter(Boolean).join(' / ') || ci.project}${ci.branch ? ` on ${ci.branch}` : ''}`.slice(
    0,
    200,
  );
}

/** The block appended to the description: what failed, where, at which commit. */
export function ciDescription(ci: CiContext, description: string | undefined): string {
  const lines = [
    `Reported from ${ci.provider} for ${ci.project}:`,
    `- Run: ${ci.runUrl}`,
    ...(ci.workflow || ci.job ? [`- Job: ${[ci.workflow, ci.job].filter(Boolean).join(' / ')}`] : []),
    ...(ci.commit ? [`- Commit: ${ci.commit}${ci.branch ? ` on ${ci.branch}` : ''}`] : ci.branch ? [`- Branch: ${ci.branch}`] : []),
  ];
  const intro = description?.trim() || `The ${ci.job ? `job ${ci.job}` : 'pipeline'} of ${ci.project} failed.`;
  return `${intro}\n\n${lines.join('\n')}`;
}
