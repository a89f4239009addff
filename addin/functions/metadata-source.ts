/**
 * Writes the catalog as a TypeScript file of JSDoc-annotated declarations, the input
 * custom-functions-metadata reads to produce functions.json. The help a user sees in Excel is
 * therefore the catalog's text, never a second copy kept by hand.
 */
import { bilingual, type FunctionSpec } from '../../core/sheet-functions/catalog.js';
import { returnsMatrix, takesRange } from './excel-adapter.js';

/** Scalar arguments are declared `any` so that text such as 「¥12,345」 or 「令和8年5月25日」 reaches core, which owns the error text. */
function paramType(param: FunctionSpec['params'][number]): string {
  return takesRange(param) ? 'any[][]' : 'any';
}

function resultType(spec: FunctionSpec): string {
  if (returnsMatrix(spec)) return 'any[][]';
  return spec.result.type;
}

/**
 * The declaration of one function.
 * @example declaration(functionSpec('KANA')!) // '/**\n * 振込依頼人名の照合キー。… \n * @customfunction KANA\n …'
 */
export function declaration(spec: FunctionSpec): string {
  const lines = [
    '/**',
    ` * ${bilingual(spec)}`,
    ` * 例 / example: ${spec.example}`,
    ` * @customfunction ${spec.name} ${spec.name}`,
    ...spec.params.map((q) => ` * @param ${q.optional ? `[${q.name}]` : q.name} ${bilingual(q)}`),
    ` * @returns ${bilingual(spec.result)}`,
    ' */',
  ];
  const params = spec.params.map((q) => `${q.name}${q.optional ? '?' : ''}: ${paramType(q)}`).join(', ');
  return `${lines.join('\n')}\nexport function ${spec.name}(${params}): ${resultType(spec)} {\n  throw new Error('declaration only');\n}\n`;
}

/**
 * The whole source file for custom-functions-metadata.
 * @example metadataSource(FUNCTION_CATALOG).includes('@customfunction WITHHOLDING') // true
 */
export function metadataSource(catalog: readonly FunctionSpec[]): string {
  return `// Generated from core/sheet-functions/catalog.ts by scripts/build-addin.mjs: do not edit.\n/* eslint-disable */\n\n${catalog.map(declaration).join('\n')}`;
}
