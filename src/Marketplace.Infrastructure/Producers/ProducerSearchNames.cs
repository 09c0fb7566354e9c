using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Producers;

/// <summary>
/// Fills the search form of the names of producers saved before it existed (a migration cannot
/// normalize accents in SQL alike on every provider). Every later save keeps it with the name.
/// </summary>
public static class ProducerSearchNames
{
    private const int Batch = 1000;

    public static async Task BackfillAsync(MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var producers = await db.Producers.Where(p => p.SearchName == null).OrderBy(p => p.Id)
                .Take(Batch).ToListAsync(cancellationToken);
            if (producers.Count == 0)
            {
                return;
            }
            foreach (var producer in producers)
            {
                // The name's setter writes its search form.
                producer.DisplayName = producer.DisplayName;
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
