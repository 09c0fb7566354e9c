using System.Globalization;
using System.Linq.Expressions;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Domain.Search;
using Marketplace.Infrastructure.Caching;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>
/// The text and producer filters of a fair-day search. Every word of <c>q</c> must match, in any
/// order, as the start of a word (<see cref="SearchText"/>: case, accents and punctuation never
/// matter) of the series, the venue, its municipality (a province or município) or corridor — or of a
/// producer holding a stall that day: its public name (<see cref="ProducerSearchTerm"/>), a product
/// category it sells or brings (in any language, or a synonym from the reference seeds). A
/// combined filter means one producer: <c>product</c>, <c>organic</c> and the words that a day's
/// place does not match must all hold for the same booked producer.
/// </summary>
/// <remarks>
/// Places and categories are few: each word is matched against them in code, from lists a node
/// keeps for the minute. Producers are many: a word is looked up in the indexed terms of their
/// names. A word that names few producers (<see cref="FewProducers"/>) or none also narrows the
/// days first, to those at a matching place or booked by one of those producers, so that a rare
/// word never makes the database read the bookings of every coming day. Products and organic
/// certification, each common alone and rare together, are narrowed the same way from the node's
/// picture of the coming offers (<see cref="ComingOffers"/>).
/// </remarks>
public static class FairDayText
{
    /// <summary>A word naming at most this many producers leads the query from their bookings.</summary>
    public const int FewProducers = 2000;

    /// <summary>
    /// A word matching at most this many series and venues narrows the days by them first; one
    /// matching more (a corridor's name) matches most days, and the days are best read in date order.
    /// </summary>
    public const int FewPlaces = 30;

    /// <summary>What one typed word matches.</summary>
    private sealed record WordMatch(string Word, List<int> SeriesIds, List<int> VenueIds, List<int> CategoryIds,
        string TermFrom, string TermBefore, int NamedProducers);

    /// <summary>The searchable text of the places and categories, normalized once.</summary>
    private sealed record Places(List<(int Id, string Text)> Series, List<(int Id, string Text)> Venues,
        List<(int Id, string Text)> Categories);

    public static async Task<IQueryable<FairDay>> ApplyAsync(IQueryable<FairDay> query, MarketplaceDbContext db,
        FairDayCounts counts, FairDayFilter filter, CancellationToken cancellationToken)
    {
        var words = await MatchesAsync(db, counts, SearchText.Words(filter.Q), cancellationToken);
        if (words.Count == 0 && filter.Product is null && !filter.Organic)
        {
            return query;
        }
        // Words only a producer's products can match (no place, no producer's name).
        var productWords = words
            .Where(w => w.SeriesIds.Count == 0 && w.VenueIds.Count == 0 && w.NamedProducers == 0 && w.CategoryIds.Count > 0)
            .Select(w => (IReadOnlyList<int>)w.CategoryIds).ToList();
        if ((filter.Product is not null || filter.Organic || productWords.Count > 0)
            && counts.Offers?.Days(filter.Product, filter.Organic, productWords) is { } offeredOn)
        {
            // The few days where one producer meets them all (implied by the booking test below).
            query = query.Where(d => offeredOn.Contains(d.Id));
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
            Expression<Func<FairDay, bool>> here = d => series.Contains(d.FairSeriesId) || venues.Contains(d.VenueId);
            place = place is null ? here : And(place, here);
            var producerSide = ProducerSide(db, word);
            if (producerSide is null)
            {
                // Only places can match this word: a day elsewhere cannot match at all.
                if (series.Count == 0 && venues.Count == 0)
                {
                    return query.Where(d => false);
                }
                if (series.Count + venues.Count <= FewPlaces)
                {
                    query = query.Where(here);
                }
                producer = And(producer, (d, b) => series.Contains(d.FairSeriesId) || venues.Contains(d.VenueId));
                continue;
            }
            if (word.CategoryIds.Count == 0 && word.NamedProducers <= FewProducers && series.Count + venues.Count <= FewPlaces)
            {
                // Implied by the booking test below; it lets the database start from the few producers' bookings.
                var named = Terms(db, word.TermFrom, word.TermBefore).Select(t => t.ProducerId);
                var bookedDays = db.Bookings
                    .Where(b => holding.Contains(b.Status) && named.Contains(b.ProducerId))
                    .Select(b => b.FairDayId);
                query = query.Where(d => series.Contains(d.FairSeriesId) || venues.Contains(d.VenueId) || bookedDays.Contains(d.Id));
            }
            producer = And(producer, Or((d, b) => series.Contains(d.FairSeriesId) || venues.Contains(d.VenueId), producerSide));
        }
        var byProducer = AnyBooking(db, producer);
        // Words alone may all match the place: such a day needs no producer at all.
        return filter.Product is null && !filter.Organic && place is not null
            ? query.Where(Or(place, byProducer))
            : query.Where(byProducer);
    }

    /// <summary>The booked producer's own match of a word (its name, or a category it sells or brings), or null if none can.</summary>
    private static Expression<Func<FairDay, Booking, bool>>? ProducerSide(MarketplaceDbContext db, WordMatch word)
    {
        Expression<Func<FairDay, Booking, bool>>? side = null;
        if (word.NamedProducers > 0)
        {
            var terms = Terms(db, word.TermFrom, word.TermBefore);
            side = (d, b) => terms.Any(t => t.ProducerId == b.ProducerId);
        }
        if (word.CategoryIds.Count > 0)
        {
            var categories = word.CategoryIds;
            Expression<Func<FairDay, Booking, bool>> sells = (d, b) =>
                db.ProducerProducts.Any(pp => pp.ProducerId == b.ProducerId && categories.Contains(pp.ProductCategoryId))
                || b.Items.Any(i => i.ProductCategoryId != null && categories.Contains(i.ProductCategoryId.Value));
            side = side is null ? sells : Or(side, sells);
        }
        return side;
    }

    /// <summary>The producers' name terms from <paramref name="from"/> up to <paramref name="before"/> (<see cref="SearchText.PrefixRange"/>).</summary>
    private static IQueryable<ProducerSearchTerm> Terms(MarketplaceDbContext db, string from, string before) =>
        db.ProducerSearchTerms.Where(t => string.Compare(t.Term, from) >= 0 && string.Compare(t.Term, before) < 0);

    /// <summary>Resolves each word against the places and categories (in code) and counts the producers it names.</summary>
    private static async Task<List<WordMatch>> MatchesAsync(MarketplaceDbContext db, FairDayCounts counts,
        IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        if (words.Count == 0)
        {
            return [];
        }
        var places = await counts.Cache.KeptAsync("fairs:text:places", () => PlacesAsync(db, cancellationToken), counts.Changes);
        var matches = new List<WordMatch>(words.Count);
        foreach (var word in words)
        {
            var (from, before) = SearchText.PrefixRange(ProducerSearchTerm.Cut(word));
            // How many producers the word names, up to one more than "few": kept for the minute.
            var named = await counts.Cache.KeptAsync(string.Create(CultureInfo.InvariantCulture, $"fairs:text:named:{word}"),
                () => Terms(db, from, before).Take(FewProducers + 1).CountAsync(cancellationToken),
                counts.Changes);
            matches.Add(new WordMatch(word,
                places.Series.Where(s => SearchText.HasWordStartingWith(s.Text, word)).Select(s => s.Id).ToList(),
                places.Venues.Where(v => SearchText.HasWordStartingWith(v.Text, word)).Select(v => v.Id).ToList(),
                places.Categories.Where(c => SearchText.HasWordStartingWith(c.Text, word)).Select(c => c.Id).ToList(),
                from, before, named));
        }
        return matches;
    }

    private static async Task<Places> PlacesAsync(MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var series = (await db.FairSeries.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
            .Select(s => (s.Id, SearchText.Normalize(s.Name))).ToList();
        var venues = (await db.Venues.AsNoTracking()
                .Select(v => new
                {
                    v.Id, v.Name, Municipality = v.Municipality!.Name, Corridor = v.Municipality.Corridor!.Name,
                })
                .ToListAsync(cancellationToken))
            .Select(v => (v.Id, SearchText.Normalize($"{v.Name} {v.Municipality} {v.Corridor}"))).ToList();
        var categories = (await db.ProductCategories.AsNoTracking().ToListAsync(cancellationToken))
            .Select(c => (c.Id, c.SearchNames())).ToList();
        return new Places(series, venues, categories);
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

    private static Expression<Func<FairDay, Booking, bool>> Or(Expression<Func<FairDay, Booking, bool>> left,
        Expression<Func<FairDay, Booking, bool>> right) =>
        Expression.Lambda<Func<FairDay, Booking, bool>>(
            Expression.OrElse(left.Body, Rebind(right.Body, right.Parameters, left.Parameters)), left.Parameters);

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
