// Templates and migrations are bundled as plain text (esbuild text loader).
declare module '*.eta' {
  const text: string;
  export default text;
}
declare module '*.sql' {
  const text: string;
  export default text;
}
