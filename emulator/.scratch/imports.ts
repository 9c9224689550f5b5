import PDFDocument from 'pdfkit';
import ExcelJS from 'exceljs';
import Cdn, * as CdnNs from '@alicloud/cdn20180510';
import OpenApi, { $OpenApiUtil } from '@alicloud/openapi-core';
console.log(typeof PDFDocument, typeof ExcelJS.stream?.xlsx?.WorkbookWriter, typeof Cdn, Object.keys(CdnNs).slice(0,5), typeof OpenApi, typeof $OpenApiUtil.Config);
const C = (Cdn as unknown as {default?: unknown}).default;
console.log('Cdn.default', typeof C);
