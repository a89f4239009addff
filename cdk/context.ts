/**
 * What `npx cdk synth|deploy -c key=value` asks for, read in one place: the stage, the region, Object
 * Lock and the alarm address.
 */
import type { Construct } from 'constructs';
import type { Stage, UrakataStackProps } from './stack.js';

/** Where the stack goes unless `-c region=…` says otherwise: the data is Japanese payroll and invoices. */
export const DEFAULT_REGION = 'ap-northeast-1';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * The stack's id and props from the app's context. The region is the context's or
 * {@link DEFAULT_REGION}, never the deployer's shell: the CDK CLI always sets CDK_DEFAULT_REGION
 * (from the profile or AWS_REGION), so a default that gave way to it never applied and the data
 * went wherever the shell pointed. The account is the one the deployer is signed in to.
 * @example stackFromContext(app, process.env) // { id: 'Urakata-dev', props: { stage: 'dev', env: { region: 'ap-northeast-1', … } } }
 */
export function stackFromContext(scope: Construct, env: NodeJS.ProcessEnv): { id: string; props: UrakataStackProps } {
  const context = (key: string) => scope.node.tryGetContext(key) as string | number | undefined;
  const stage = (context('stage') ?? 'dev') as Stage;
  if (stage !== 'dev' && stage !== 'prod') throw new Error(`stage must be dev or prod: ${String(stage)}`);
  const region = String(context('region') ?? DEFAULT_REGION);
  if (!REGION.test(region)) throw new Error(`region must be an AWS region such as ${DEFAULT_REGION}: ${region}`);
  const lockDays = context('objectLockDays');
  const alarmEmail = context('alarmEmail');
  return {
    id: `Urakata-${stage}`,
    props: {
      stage,
      ...(lockDays !== undefined ? { objectLockRetentionDays: Number(lockDays) } : {}),
      ...(alarmEmail ? { alarmEmail: String(alarmEmail) } : {}),
      env: { account: env.CDK_DEFAULT_ACCOUNT, region },
    },
  };
}
