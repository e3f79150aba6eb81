// The front-end and engine methods are compiled optimized on first use (AggressiveOptimization): a scan runs each
// of them over thousands of files once per process, so tier-0 code and the tiering round trip cost more than they save.
global using System.Runtime.CompilerServices;
