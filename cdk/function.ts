/**
 * Every Lambda of the stack, with its defaults fixed in one place: Node.js 22 on arm64 (cheaper
 * per GB-second than x86 for the same pdfkit work), X-Ray tracing, a log group with a stage
 * retention (and kept after the stack in prod), ESM bundles by the local esbuild (no Docker), the Powertools service name and metrics
 * namespace, and the Japanese font copied next to the handler for the PDF renderers.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface UrakataFunctionProps {
  /** Handler module under functions/lambda/, e.g. 'worker'. */
  readonly entry: string;
  /** Exported handler name (default `handler`). */
  readonly handler?: string;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly environment?: Readonly<Record<string, string>>;
  readonly logRetention: RetentionDays;
  /** What becomes of the log group when the stack is deleted: RETAIN in prod, where the logs are records. */
  readonly logRemovalPolicy: RemovalPolicy;
  /** Copy the Noto Sans JP TTFs into the bundle (PDF rendering). */
  readonly fonts?: boolean;
}

/** @example new UrakataFunction(this, 'Worker', { entry: 'worker', fonts: true, logRetention: RetentionDays.ONE_MONTH, logRemovalPolicy: RemovalPolicy.DESTROY }) */
export class UrakataFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: UrakataFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: props.logRetention, removalPolicy: props.logRemovalPolicy });
    const require = createRequire(import.meta.url);
    const fontDir = props.fonts
      ? dirname(require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'))
      : undefined;
    // pdfkit resolves its data files (ICC profile, AFM) next to the module: they travel with the bundle.
    const pdfkitData = props.fonts ? `${dirname(require.resolve('pdfkit'))}/data` : undefined;
    super(scope, id, {
      entry: `${root}functions/lambda/${props.entry}.ts`,
      handler: props.handler ?? 'handler',
      projectRoot: root,
      depsLockFilePath: `${root}package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(29),
      tracing: Tracing.ACTIVE,
      logGroup,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'urakata',
        // Metrics go out as EMF lines in the function's own log group: no CloudWatch API call, no IAM.
        POWERTOOLS_METRICS_NAMESPACE: 'Urakata',
        ...(props.fonts ? { URAKATA_FONT_DIR: '/var/task' } : {}),
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        // ESM bundles need `require` for the CommonJS dependencies (pdfkit, the AWS SDK).
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
        ...(fontDir
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_input: string, output: string) => [
                  `cp "${fontDir}/NotoSansJP_400Regular.ttf" "${output}/"`,
                  `cp "${fontDir.replace('400Regular', '700Bold')}/NotoSansJP_700Bold.ttf" "${output}/"`,
                  `cp -r "${pdfkitData}" "${output}/data"`,
                ],
              },
            }
          : {}),
      },
    });
    const v = Validations.of(this);
    v.acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is the runtime the project builds and tests for (TOOLCHAIN); 24 follows when the toolchain moves.',
    });
    v.acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The AWS-managed basic execution policy only lets the function write its own CloudWatch Logs.',
    });
    v.acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing: xray:PutTraceSegments and PutTelemetryRecords take no resource ARN, so AWS requires Resource *.',
    });
  }
}
