using System.Linq.Expressions;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Search;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>
/// The text and producer filters of a fair-day search. Every word of <c>q</c> must match, in any
/// order, as the start of a word (<see cref="SearchText"/>: case, accents and punctuation never
/// matter) of the series, the venue, its municipality (with its province) or corridor — or of a
/// producer holding a stall that day: its public name, a product category it sells or brings (in
/// any language, or a synonym from the reference seeds). A combined filter means one producer:
/// <c>product</c>, <c>organic</c> and the words that a day's place does not match must all hold for
/// the same booked producer.
/// </summary>
public static class FairDayText
{
    /// <summary>What one typed word matches among the places and the product categories.</summary>
    private sealed record WordMatch(string Word, List<int> SeriesIds, List<int> VenueIds, List<int> CategoryIds);

    public static async Task<IQueryable<FairDay>> ApplyAsync(IQueryable<FairDay> query, MarketplaceDbContext db,
        FairDayFilter filter, CancellationToken cancellationToken)
    {
        var words = await MatchesAsync(db, SearchText.Words(filter.Q), cancellationToken);
        if (words.Count == 0 && filter.Product is null && !filter.Organic)
        {
            return query;
        }
        var holding = Booking.HoldingStatuses.ToList();
        Expression<Func<FairDay, Booking, bool>> producer = (d, b) => b.FairDayId == d.Id && holding.Contains(b.Status);
        if (filter.Product is { } product)
        {
            producer = And(producer, (d, b) => db.ProducerProducts.Any(pp => pp.ProducerId == b.ProducerId && pp.ProductCategoryId == product)
                || b.Items.Any(i => i.ProductCategoryId == product));
        }
        if (filter.Organic)
        {
            producer = And(producer, (d, b) => db.Certifications.Any(c => c.ProducerId == b.ProducerId
                && c.Status == CertificationStatus.Verified && c.Kind != CertificationKind.InTransition
                && c.ValidFrom <= d.Date && c.ValidTo >= d.Date));
        }
        Expression<Func<FairDay, bool>>? place = null;
        foreach (var word in words)
        {
            var series = word.SeriesIds;
            var venues = word.VenueIds;
            var categories = word.CategoryIds;
            var start = " " + word.Word;
            producer = And(producer, (d, b) => series.Contains(d.FairSeriesId) || venues.Contains(d.VenueId)
                || b.Producer!.SearchName!.Contains(start)
                || db.ProducerProducts.Any(pp => pp.ProducerId == b.ProducerId && categories.Contains(pp.ProductCategoryId))
                || b.Items.Any(i => i.ProductCategoryId != null && categories.Contains(i.ProductCategoryId.Value)));
            Expression<Func<FairDay, bool>> here = d => series.Contains(d.FairSeriesId) || venues.Contains(d.VenueId);
            place = place is null ? here : And(place, here);
        }
        var byProducer = AnyBooking(db, producer);
        // Words alone may all match the place: such a day needs no producer at all.
        return filter.Product is null && !filter.Organic && place is not null
            ? query.Where(Or(place, byProducer))
            : query.Where(byProducer);
    }

    /// <summary>Resolves each word against the few series, venues and categories, in code (one normalization).</summary>
    private static async Task<List<WordMatch>> MatchesAsync(MarketplaceDbContext db, IReadOnlyList<string> words,
        CancellationToken cancellationToken)
    {
        if (words.Count == 0)
        {
            return [];
        }
        var series = (await db.FairSeries.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
            .Select(s => (s.Id, Text: SearchText.Normalize(s.Name))).ToList();
        var venues = (await db.Venues.AsNoTracking()
                .Select(v => new { v.Id, v.Name, Municipality = v.Municipality!.Name, Corridor = v.Municipality.Corridor!.Name })
                .ToListAsync(cancellationToken))
            .Select(v => (v.Id, Text: SearchText.Normalize($"{v.Name} {v.Municipality} {v.Corridor}"))).ToList();
        var categories = (await db.ProductCategories.AsNoTracking().ToListAsync(cancellationToken))
            .Select(c => (c.Id, Text: c.SearchNames())).ToList();
        return words.Select(w => new WordMatch(w,
            series.Where(s => SearchText.HasWordStartingWith(s.Text, w)).Select(s => s.Id).ToList(),
            venues.Where(v => SearchText.HasWordStartingWith(v.Text, w)).Select(v => v.Id).ToList(),
            categories.Where(c => SearchText.HasWordStartingWith(c.Text, w)).Select(c => c.Id).ToList())).ToList();
    }

    /// <summary><c>d =&gt; db.Bookings.Any(b =&gt; onBooking(d, b))</c>.</summary>
    private static Expression<Func<FairDay, bool>> AnyBooking(MarketplaceDbContext db, Expression<Func<FairDay, Booking, bool>> onBooking)
    {
        Expression<Func<IQueryable<Booking>>> bookings = () => db.Bookings;
        var day = onBooking.Parameters[0];
        var any = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(Booking)], bookings.Body,
            Expression.Quote(Expression.Lambda<Func<Booking, bool>>(onBooking.Body, onBooking.Parameters[1])));
        return Expression.Lambda<Func<FairDay, bool>>(any, day);
    }

    private static Expression<Func<FairDay, Booking, bool>> And(Expression<Func<FairDay, Booking, bool>> left,
        Expression<Func<FairDay, Booking, bool>> right) =>
        Expression.Lambda<Func<FairDay, Booking, bool>>(
            Expression.AndAlso(left.Body, Rebind(right.Body, right.Parameters, left.Parameters)), left.Parameters);

    private static Expression<Func<FairDay, bool>> And(Expression<Func<FairDay, bool>> left, Expression<Func<FairDay, bool>> right) =>
        Expression.Lambda<Func<FairDay, bool>>(
            Expression.AndAlso(left.Body, Rebind(right.Body, right.Parameters, left.Parameters)), left.Parameters);

    private static Expression<Func<FairDay, bool>> Or(Expression<Func<FairDay, bool>> left, Expression<Func<FairDay, bool>> right) =>
        Expression.Lambda<Func<FairDay, bool>>(
            Expression.OrElse(left.Body, Rebind(right.Body, right.Parameters, left.Parameters)), left.Parameters);

    private static Expression Rebind(Expression body, IReadOnlyList<ParameterExpression> from, IReadOnlyList<ParameterExpression> to) =>
        new Rebinder(from.Zip(to).ToDictionary(p => p.First, p => (Expression)p.Second)).Visit(body);

    private sealed class Rebinder(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            map.TryGetValue(node, out var replacement) ? replacement : node;
    }
}
