/**
 * `npx cdk synth|deploy` entry. Context: `-c stage=prod` (default dev), `-c region=…` (default
 * ap-northeast-1, whatever the shell's AWS region), `-c objectLockDays=4015`,
 * `-c alarmEmail=ops@example.jp`. cdk-nag AwsSolutions runs on every synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stackFromContext } from './context.js';
import { UrakataStack } from './stack.js';

const app = new App();
const { id, props } = stackFromContext(app, process.env);
new UrakataStack(app, id, props);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
