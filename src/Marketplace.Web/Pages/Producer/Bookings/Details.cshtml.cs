using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.ProducerArea.Bookings;

/// <summary>
/// One of the producer's own bookings (anyone else's is a 404): its status, stall, fee and what
/// the producer will bring; cancel it, or accept or decline an offered stall.
/// </summary>
public class DetailsModel(MarketplaceDbContext db, BookingDesk desk, TimeProvider clock) : PageModel
{
    public BookingLine Booking { get; private set; } = null!;
    public IReadOnlyList<ItemLine> Items { get; private set; } = [];
    public BookingNotice? Notice { get; private set; }
    public DateTime UtcNow { get; private set; }

    /// <summary>Where a cancel/accept/decline button came from (the dashboard or this page).</summary>
    [BindProperty(Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    /// <param name="booked">Set by the redirect after the booking was made (<see cref="BookingNotice.NewBookingPath"/>).</param>
    public async Task<IActionResult> OnGetAsync(int id, [FromQuery(Name = BookingNotice.NewBookingFlag)] string? booked,
        CancellationToken cancellationToken)
    {
        var producerId = await SignedInProducer.IdAsync(db, User, cancellationToken);
        var booking = producerId is null ? null
            : await ProducerBookings.Lines(db, producerId.Value, b => b.Id == id).SingleOrDefaultAsync(cancellationToken);
        if (booking is null)
        {
            return NotFound();
        }
        Booking = booking;
        Items = await ItemLine.ForBookingAsync(db, id, cancellationToken);
        Notice = BookingNotice.Take(TempData) ?? (booked is null ? null : BookingNotice.ForNewBooking(booking));
        UtcNow = clock.GetUtcNow().UtcDateTime;
        return Page();
    }

    public Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, async producerId => await desk.CancelAsync(id, producerId, cancellationToken) switch
        {
            CancelOutcome.Cancelled => new BookingNotice("Cancel.Done"),
            CancelOutcome.DeadlinePassed => new BookingNotice("Cancel.DeadlinePassed", IsProblem: true),
            CancelOutcome.AlreadyCancelled => new BookingNotice("Cancel.Already", IsProblem: true),
            _ => null,
        }, cancellationToken);

    public Task<IActionResult> OnPostAcceptAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, async producerId => await desk.AcceptOfferAsync(id, producerId, cancellationToken)
            ? new BookingNotice("Offer.Accepted")
            : new BookingNotice("Offer.NotOpen", IsProblem: true), cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, async producerId => await desk.DeclineOfferAsync(id, producerId, cancellationToken)
            ? new BookingNotice("Offer.Declined")
            : new BookingNotice("Offer.NotOpen", IsProblem: true), cancellationToken);

    /// <summary>Runs a change on the producer's own booking and redirects with its answer (404 for anyone else's).</summary>
    private async Task<IActionResult> ActAsync(int id, Func<int, Task<BookingNotice?>> change, CancellationToken cancellationToken)
    {
        var producerId = await SignedInProducer.IdAsync(db, User, cancellationToken);
        if (producerId is null
            || !await db.Bookings.AnyAsync(b => b.Id == id && b.ProducerId == producerId, cancellationToken))
        {
            return NotFound();
        }
        var notice = await change(producerId.Value);
        if (notice is null)
        {
            return NotFound();
        }
        notice.Store(TempData);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : $"/Producer/Bookings/{id}");
    }
}

/// <summary>One thing a producer will bring, with its category named in the visitor's language.</summary>
public sealed record ItemLine(int? CategoryId, string? CategoryName, string Description, string? Quantity)
{
    public static async Task<IReadOnlyList<ItemLine>> ForBookingAsync(MarketplaceDbContext db, int bookingId,
        CancellationToken cancellationToken)
    {
        var items = await db.BookingItems.AsNoTracking()
            .Where(i => i.BookingId == bookingId)
            .OrderBy(i => i.Id)
            .ToListAsync(cancellationToken);
        var names = await CategoryNamesAsync(db, cancellationToken);
        return items.Select(i => From(i, names)).ToList();
    }

    public static ItemLine From(BookingItem item, IReadOnlyDictionary<int, string> categoryNames) =>
        new(item.ProductCategoryId,
            item.ProductCategoryId is { } id && categoryNames.TryGetValue(id, out var name) ? name : null,
            item.Description, item.Quantity);

    /// <summary>Every product category's name in the visitor's language (a short list).</summary>
    public static async Task<IReadOnlyDictionary<int, string>> CategoryNamesAsync(MarketplaceDbContext db,
        CancellationToken cancellationToken)
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        return (await db.ProductCategories.AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(c => c.Id, c => c.NameFor(culture));
    }

    /// <summary>"Native potato: yellow, 3 sacks" — the category, the description and the quantity that are given.</summary>
    public string Text()
    {
        var what = string.Join(": ", new[] { CategoryName, Description }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return string.IsNullOrWhiteSpace(Quantity) ? what : $"{what} ({Quantity})";
    }
}
