import { describe, expect, it } from 'vitest';
import { isPlaygroundFile, olderStylesheetCopies, tokenlessScriptReason, tokenlessStylesheetReason } from '../src/tokens/places.js';

describe('places that cannot use tokens', () => {
  it('knows renderers without CSS variables, and email templates through a project wrapper', () => {
    expect(tokenlessScriptReason(`import { StyleSheet } from '@react-pdf/renderer';`)).not.toBeNull();
    expect(tokenlessScriptReason(`import satori from 'satori';`)).not.toBeNull();
    expect(tokenlessScriptReason(`import { ImageResponse } from 'next/og';`)).not.toBeNull();
    expect(tokenlessScriptReason(`import { Button } from '@react-email/components';`)).not.toBeNull();
    expect(tokenlessScriptReason(`const mjml = require('mjml');`)).not.toBeNull();
    expect(tokenlessScriptReason(`import { Html, Body } from '~/emails/base';\nconst A = () => <Html><Body /></Html>;`)).not.toBeNull();
    // a caller of a mail-sending helper renders a normal page
    expect(tokenlessScriptReason(`import { sendMail } from '~/lib/email';\nconst A = () => <div style={{ color: '#fff' }} />;`)).toBeNull();
    expect(tokenlessScriptReason(`import { Button } from '@acme/ui';`)).toBeNull();
  });

  it('knows vendored and starter stylesheets', () => {
    expect(tokenlessStylesheetReason('docs/css/materialize.min.css', '.a{color:red}')).not.toBeNull();
    expect(tokenlessStylesheetReason('docs/css/docsearch.css', ':root { --x: #fff; }')).not.toBeNull();
    expect(tokenlessStylesheetReason('src/hl.css', '/* https://example.com/themes/github.css */\n.hljs { color: #333; }')).not.toBeNull();
    expect(
      tokenlessStylesheetReason('src/x.css', '@charset "UTF-8"; /*!\n * Pikaday\n * Copyright © 2014 | MIT license\n */\n.a{}'),
    ).not.toBeNull();
    expect(
      tokenlessStylesheetReason('apps/storybook/src/App.css', '#root { max-width: 1280px; }\n.read-the-docs { color: #888; }'),
    ).not.toBeNull();
    // the product's own stylesheets
    expect(tokenlessStylesheetReason('src/App.css', '/* Layout of the app shell */\n.shell { color: #333; }')).toBeNull();
    expect(tokenlessStylesheetReason('apps/web/src/App.css', '.read-the-docs { color: #888; }')).toBeNull();
  });

  it('keeps only the newest of versioned stylesheet copies', () => {
    expect([...olderStylesheetCopies(['css/style-v20.css', 'css/style-v22.css', 'css/style-v21.css', 'css/syntax.css'])].sort()).toEqual([
      'css/style-v20.css',
      'css/style-v21.css',
    ]);
    // numbered stylesheets that are not versions stay
    expect(olderStylesheetCopies(['css/heading-1.css', 'css/heading-2.css']).size).toBe(0);
  });

  it('knows playgrounds', () => {
    expect(isPlaygroundFile('apps/remix/app/routes/embed+/playground.tsx')).toBe(true);
    expect(isPlaygroundFile('apps/playground/src/main.tsx')).toBe(true);
    expect(isPlaygroundFile('src/components/PlaygroundCard.tsx')).toBe(false);
  });
});
