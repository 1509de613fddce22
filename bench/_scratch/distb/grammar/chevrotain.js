async function load() {
    try {
        const bundle = new URL('../chevrotain.min.mjs', import.meta.resolve('chevrotain'));
        return (await import(bundle.href));
    }
    catch {
        return import('chevrotain');
    }
}
const chevrotain = await load();
export const { createToken, CstParser, EOF, Lexer } = chevrotain;
//# sourceMappingURL=chevrotain.js.map