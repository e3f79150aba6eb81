// The small hot methods of the lexer, parser, engine and name heuristics (≤ 60 lines each) are compiled optimized on
// first use (AggressiveOptimization): a scan runs them over thousands of files once per process, so tier-0 code and
// the tiering round trip cost more than they save. Large methods and the rule checks tier normally: compiling them
// optimized up front costs more than it saves on small trees (measured in docs/code.md).
global using System.Runtime.CompilerServices;
