// Reads a JSON Feed with @extractus/feed-extractor, a JSON Feed client from the npm registry, and
// prints what it understood as one JSON document: the feed's fields and its entries in order.
import { extract } from '@extractus/feed-extractor'

const feed = await extract(process.argv[2], {
  normalization: true,
  getExtraEntryFields: (item) => ({ tags: item.tags ?? [], attachments: item.attachments ?? [] }),
})
process.stdout.write(JSON.stringify(feed) + '\n')
