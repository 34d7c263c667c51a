// The .ftl files are bundled as text (esbuild --loader:.ftl=text).
declare module "*.ftl" {
  const source: string;
  export default source;
}
