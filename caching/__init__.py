"""Page cache, fragment cache and CDN purge for the network (docs/performance.md)."""
