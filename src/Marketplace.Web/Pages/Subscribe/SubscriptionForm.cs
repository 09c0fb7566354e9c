using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Subscribe;

/// <summary>What the place-and-products fields show: the input and the choices.</summary>
public sealed class SubscriptionForm
{
    public SubscriptionInput Input { get; init; } = new();
    public IReadOnlyList<(int Id, string Name)> Municipalities { get; private init; } = [];
    public IReadOnlyList<(int Id, string Name)> Corridors { get; private init; } = [];
    public IReadOnlyList<(int Id, string Name)> Products { get; private init; } = [];

    public static async Task<SubscriptionForm> LoadAsync(MarketplaceDbContext db, SubscriptionInput input,
        CancellationToken cancellationToken)
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        return new SubscriptionForm
        {
            Input = input,
            Municipalities = (await db.Municipalities.AsNoTracking().OrderBy(m => m.Name)
                .Select(m => new { m.Id, m.Name }).ToListAsync(cancellationToken)).Select(m => (m.Id, m.Name)).ToList(),
            Corridors = (await db.Corridors.AsNoTracking().OrderBy(c => c.Name)
                .Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken)).Select(c => (c.Id, c.Name)).ToList(),
            Products = (await db.ProductCategories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken))
                .Select(c => (c.Id, c.NameFor(culture))).ToList(),
        };
    }
}
