// Preloaded into a CLI process by the huge-feed test: reports the process's peak resident memory when it exits.
process.on('exit', () => {
  process.stderr.write(`\nMAX_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});
