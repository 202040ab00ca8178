/** Vite's `?inline` CSS import: the stylesheet as a string (rendered.css goes into shadow roots). */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
