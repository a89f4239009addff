/** Calendar dates in Asia/Tokyo, 和暦, and age under 年齢計算ニ関スル法律. */
export * from './calendar.js';
export * from './parse.js';
export * from './wareki.js';
export * from './holidays.js';
