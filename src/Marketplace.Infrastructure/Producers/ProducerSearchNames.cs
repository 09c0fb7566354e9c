using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Producers;

/// <summary>
/// Fills the search form of the names of producers saved before it existed, and their search
/// terms (a migration cannot normalize accents in SQL alike on every provider). Every later save
/// keeps both with the name (<see cref="MarketplaceDbContext"/>).
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
                break;
            }
            foreach (var producer in producers)
            {
                // The name's setter writes its search form.
                producer.DisplayName = producer.DisplayName;
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        await BackfillTermsAsync(db, cancellationToken);
    }

    private static async Task BackfillTermsAsync(MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var after = 0;
        while (true)
        {
            var producers = await db.Producers.AsNoTracking()
                .Where(p => p.Id > after && p.SearchName != null && p.SearchName != ""
                    && !db.ProducerSearchTerms.Any(t => t.ProducerId == p.Id))
                .OrderBy(p => p.Id).Take(Batch)
                .Select(p => new { p.Id, p.SearchName })
                .ToListAsync(cancellationToken);
            if (producers.Count == 0)
            {
                return;
            }
            foreach (var producer in producers)
            {
                db.ProducerSearchTerms.AddRange(ProducerSearchTerm.Of(producer.SearchName)
                    .Select(term => new ProducerSearchTerm { ProducerId = producer.Id, Term = term }));
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            after = producers[^1].Id;
        }
    }
}
