// An Excel object-model stand-in for the taskpane in a real browser: enough of Office, Excel and
// OfficeRuntime for the panes, with a cell store per sheet that the test reads back. Installed
// with page.addInitScript before the page's own scripts run; `seed` gives the sheets.
(seed) => {
  const letters = (s) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const parseCell = (a) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a);
    if (!m) throw new Error(`stand-in: bad cell ${a}`);
    return { col: letters(m[1]), row: Number(m[2]) - 1 };
  };
  const colName = (i) => {
    let n = i + 1;
    let s = '';
    while (n > 0) {
      s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  };
  const log = { syncs: 0, fills: [], frozen: {}, active: '' };

  class Sheet {
    constructor(name) {
      this.name = name;
      this.cells = new Map();
      this.visibility = 'Visible';
      this.isNullObject = false;
      this.freezePanes = { freezeRows: (n) => (log.frozen[this.name] = n) };
    }
    cell(r, c) {
      const k = `${r},${c}`;
      let v = this.cells.get(k);
      if (!v) {
        v = { value: '', format: 'General', fill: '', bold: false };
        this.cells.set(k, v);
      }
      return v;
    }
    getRange(address) {
      if (!address) return this.getUsedRange();
      const [a, b] = address.replace(/\$/g, '').split(':');
      const from = parseCell(a);
      const to = parseCell(b ?? a);
      return new Range(this, from.row, from.col, to.row - from.row + 1, to.col - from.col + 1);
    }
    getUsedRange() {
      let rows = 0;
      let cols = 0;
      for (const [k, v] of this.cells) {
        if (v.value === '' || v.value === null) continue;
        const [r, c] = k.split(',').map(Number);
        rows = Math.max(rows, r + 1);
        cols = Math.max(cols, c + 1);
      }
      return new Range(this, 0, 0, Math.max(rows, 1), Math.max(cols, 1));
    }
    delete() {
      workbook.worksheets.items.delete(this.name);
    }
    activate() {
      log.active = this.name;
    }
    load() {
      return this;
    }
  }

  class Range {
    constructor(sheet, row, col, rows, cols) {
      Object.assign(this, { sheet, rowIndex: row, columnIndex: col, rowCount: rows, columnCount: cols });
      this.worksheet = sheet;
      const range = this;
      this.format = {
        fill: {
          set color(c) {
            range.each((cell) => (cell.fill = c));
            log.fills.push({ sheet: sheet.name, address: range.address, color: c });
          },
        },
        font: {
          set bold(b) {
            range.each((cell) => (cell.bold = b));
          },
        },
        autofitColumns() {},
      };
    }
    get address() {
      const a = `${colName(this.columnIndex)}${this.rowIndex + 1}`;
      const b = `${colName(this.columnIndex + this.columnCount - 1)}${this.rowIndex + this.rowCount}`;
      return `${this.sheet.name}!${a === b ? a : `${a}:${b}`}`;
    }
    each(f) {
      for (let r = 0; r < this.rowCount; r++)
        for (let c = 0; c < this.columnCount; c++) f(this.sheet.cell(this.rowIndex + r, this.columnIndex + c), r, c);
    }
    matrix(key) {
      const m = Array.from({ length: this.rowCount }, () => new Array(this.columnCount));
      this.each((cell, r, c) => (m[r][c] = cell[key]));
      return m;
    }
    get values() {
      return this.matrix('value');
    }
    set values(m) {
      if (m.length !== this.rowCount || m.some((row) => row.length !== this.columnCount)) {
        throw new Error(`stand-in: ${m.length} rows for ${this.address}`);
      }
      // A leading apostrophe marks text in Excel and is not part of the value.
      this.each((cell, r, c) => (cell.value = typeof m[r][c] === 'string' && m[r][c].startsWith("'") ? m[r][c].slice(1) : m[r][c]));
    }
    get numberFormat() {
      return this.matrix('format');
    }
    set numberFormat(m) {
      this.each((cell, r, c) => (cell.format = m[r][c]));
    }
    clear() {
      this.each((cell) => Object.assign(cell, { value: '', format: 'General', fill: '', bold: false }));
    }
    load() {
      return this;
    }
  }

  const workbook = {
    worksheets: {
      items: new Map(),
      getItem(name) {
        const s = this.items.get(name);
        if (!s) throw new Error(`ItemNotFound: ${name}`);
        return s;
      },
      getItemOrNullObject(name) {
        return this.items.get(name) ?? { isNullObject: true };
      },
      add(name) {
        const s = new Sheet(name);
        this.items.set(name, s);
        return s;
      },
    },
    selection: undefined,
    getSelectedRange() {
      return this.selection ?? workbook.worksheets.items.values().next().value.getRange('A1');
    },
  };
  for (const [name, sheet] of Object.entries(seed)) {
    const s = workbook.worksheets.add(name);
    sheet.values.forEach((row, r) => {
      row.forEach((v, c) => {
        const cell = s.cell(r, c);
        cell.value = v;
        cell.format = sheet.formats?.[r]?.[c] ?? 'General';
      });
    });
  }

  const context = {
    workbook,
    // Each sync is a round trip to Excel: a few milliseconds, so batching matters here too.
    sync: () => new Promise((resolve) => setTimeout(() => resolve(log.syncs++), 4)),
  };
  const storage = new Map();
  window.Excel = { run: (batch) => batch(context) };
  window.Office = { onReady: (f) => Promise.resolve().then(() => f({ host: 'Excel', platform: 'OfficeOnline' })) };
  window.OfficeRuntime = { storage: { getItem: async (k) => storage.get(k) ?? null, setItem: async (k, v) => void storage.set(k, v) } };
  window.__standIn = {
    log,
    sheet: (name) => {
      const s = workbook.worksheets.items.get(name);
      return s
        ? {
            visibility: s.visibility,
            values: s.getUsedRange().values,
            fills: s.getUsedRange().matrix('fill'),
            bold: s.getUsedRange().matrix('bold'),
          }
        : null;
    },
    select: (name, address) => {
      workbook.selection = workbook.worksheets.getItem(name).getRange(address);
    },
  };

  // What the page showed while it worked: every status text with whether the progress bar was visible.
  window.__seen = [];
  document.addEventListener('DOMContentLoaded', () => {
    const status = document.getElementById('rec-status');
    const bar = document.getElementById('rec-progress');
    new MutationObserver(() => window.__seen.push({ text: status.textContent, progressVisible: !bar.hidden, value: bar.value })).observe(
      status,
      {
        childList: true,
        characterData: true,
        subtree: true,
      },
    );
  });
};
