import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFor, builtAddin } from './built.js';

const source = readFileSync(new URL('../../manifest.xml', import.meta.url), 'utf8');

/** Every value of an attribute in the manifest text. */
const attributeValues = (xml: string, attribute: string): string[] =>
  [...xml.matchAll(new RegExp(`\\s${attribute}="([^"]*)"`, 'g'))].map((m) => m[1] ?? '');

/** The ids the Resources section defines (bt:Image, bt:Url, bt:String). */
function resourceIds(xml: string): Set<string> {
  const resources = xml.slice(xml.indexOf('<Resources>'), xml.indexOf('</Resources>'));
  return new Set([...resources.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1] ?? ''));
}

let built: string;
beforeAll(async () => {
  built = await builtAddin();
});

describe('manifest.xml', () => {
  it('parses with office-addin-manifest as an Excel taskpane add-in, Japanese by default', async () => {
    const info = await OfficeAddinManifest.readManifestFile('manifest.xml');
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.defaultLocale).toBe('ja-JP');
    expect(info.displayName).toBe('Urakata 裏方');
    expect(info.permissions).toBe('ReadWriteDocument');
  });

  it('resolves every resid to a resource', () => {
    const ids = resourceIds(source);
    const used = attributeValues(source, 'resid');
    expect(used.length).toBeGreaterThan(10);
    for (const id of used) expect(ids.has(id), id).toBe(true);
  });

  it('declares custom functions in namespace URA, sharing the taskpane runtime for its whole life', () => {
    expect(source).toContain('<ExtensionPoint xsi:type="CustomFunctions">');
    expect(source).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="URA"\/>/);
    expect(source).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\/>/);
    expect(source).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
    // The functions page, the function file and the ribbon button all load the same page: one runtime.
    expect(source).toMatch(/<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/);
    expect(source).toMatch(/<FunctionFile resid="Taskpane.Url"\/>/);
    expect(source).toMatch(/<Action xsi:type="ShowTaskpane">[\s\S]*?<SourceLocation resid="Taskpane.Url"\/>/);
  });

  it('gives every user-visible string an en-US override except the namespace', () => {
    const strings = [...source.matchAll(/<bt:String id="([^"]+)"[^>]*?(\/>|>([\s\S]*?)<\/bt:String>)/g)];
    for (const m of strings) {
      if (m[1] === 'Functions.Namespace') continue;
      expect(m[3] ?? '', m[1]).toContain('<bt:Override Locale="en-US"');
    }
  });

  it('points at urakata serve on https://localhost:3000 and at files the build writes', () => {
    const urls = attributeValues(source, 'DefaultValue').filter((v) => v.startsWith('https://'));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) {
      expect(url.startsWith('https://localhost:3000/'), url).toBe(true);
      const file = url.slice('https://localhost:3000/'.length);
      expect(() => readFileSync(join(built, file)), file).not.toThrow();
    }
  });

  it('is rewritten for a production host by the build, and still parses', async () => {
    const dir = await buildFor('https://addin.example.co.jp');
    const xml = readFileSync(join(dir, 'manifest.xml'), 'utf8');
    expect(xml).not.toContain('localhost');
    expect(xml).toContain('<bt:Url id="Functions.Script.Url" DefaultValue="https://addin.example.co.jp/functions.js"/>');
    expect(xml).toContain('<AppDomain>https://addin.example.co.jp</AppDomain>');
    const info = await OfficeAddinManifest.readManifestFile(join(dir, 'manifest.xml'));
    expect(info.defaultSettings?.sourceLocation).toBe('https://addin.example.co.jp/taskpane.html');
  });

  it('refuses a production host that is not an https origin', async () => {
    await expect(buildFor('http://addin.example.co.jp')).rejects.toThrow(/https origin/);
  });
});
