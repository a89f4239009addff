/**
 * `npx cdk synth|deploy` entry. Context: `-c stage=prod` (default dev), `-c objectLockDays=4015`,
 * `-c alarmEmail=ops@example.jp`. cdk-nag AwsSolutions runs on every synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type Stage, UrakataStack } from './stack.js';

const app = new App();
const stage = (app.node.tryGetContext('stage') ?? 'dev') as Stage;
if (stage !== 'dev' && stage !== 'prod') throw new Error(`stage must be dev or prod: ${String(stage)}`);
const lockDays = app.node.tryGetContext('objectLockDays') as string | number | undefined;
const alarmEmail = app.node.tryGetContext('alarmEmail') as string | undefined;

new UrakataStack(app, `Urakata-${stage}`, {
  stage,
  ...(lockDays !== undefined ? { objectLockRetentionDays: Number(lockDays) } : {}),
  ...(alarmEmail ? { alarmEmail } : {}),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'ap-northeast-1' },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
