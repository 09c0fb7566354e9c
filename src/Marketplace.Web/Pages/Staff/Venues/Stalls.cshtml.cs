using Marketplace.Domain.Bookings;
using Marketplace.Domain.Venues;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Staff.Venues;

/// <summary>
/// A venue's stall layout: add one stall or a numbered range (codes unique in the venue), retire
/// or bring back a stall, delete one nobody ever booked. Another municipality's venue answers 404.
/// </summary>
public class StallsModel(MarketplaceDbContext db, TimeProvider clock, IStringLocalizer<CalendarResource> text) : PageModel
{
    public sealed record StallRow(Stall Stall, int ComingBookings);

    private static readonly BookingStatus[] Active = [.. ActiveBooking.Statuses];

    [BindProperty(Name = nameof(One))]
    public StallInput One { get; set; } = new();

    [BindProperty(Name = nameof(Bulk))]
    public StallInput Bulk { get; set; } = new() { Prefix = "A-", From = 1, To = 10 };

    public Venue Venue { get; private set; } = null!;
    public IReadOnlyList<StallRow> Stalls { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync(int id, CancellationToken cancellationToken) =>
        AddAsync(id, One, nameof(One), bulk: false, cancellationToken);

    public Task<IActionResult> OnPostBulkAsync(int id, CancellationToken cancellationToken) =>
        AddAsync(id, Bulk, nameof(Bulk), bulk: true, cancellationToken);

    public Task<IActionResult> OnPostRetireAsync(int id, int stallId, CancellationToken cancellationToken) =>
        ChangeStallAsync(id, stallId, stall =>
        {
            stall.IsRetired = true;
            return Task.FromResult(text["Stalls.Retired", stall.Code].Value);
        }, cancellationToken);

    public Task<IActionResult> OnPostRestoreAsync(int id, int stallId, CancellationToken cancellationToken) =>
        ChangeStallAsync(id, stallId, stall =>
        {
            stall.IsRetired = false;
            return Task.FromResult(text["Stalls.Restored", stall.Code].Value);
        }, cancellationToken);

    /// <summary>Deletes a stall nobody booked; one with bookings stays, with the reason why.</summary>
    public Task<IActionResult> OnPostDeleteAsync(int id, int stallId, CancellationToken cancellationToken) =>
        ChangeStallAsync(id, stallId, async stall =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var coming = await db.Bookings.CountAsync(b => b.StallId == stall.Id
                && Active.Contains(b.Status) && b.FairDay!.EndsAtUtc > now, cancellationToken);
            var all = await db.Bookings.CountAsync(b => b.StallId == stall.Id, cancellationToken);
            switch (StallLayout.RemovalOf(coming, all - coming))
            {
                case StallRemoval.HasComingBookings:
                    return text["Stalls.DeleteRefused.Coming", stall.Code, coming].Value;
                case StallRemoval.HasHistory:
                    return text["Stalls.DeleteRefused.History", stall.Code].Value;
                default:
                    db.Stalls.Remove(stall);
                    return text["Stalls.Deleted", stall.Code].Value;
            }
        }, cancellationToken);

    private async Task<IActionResult> AddAsync(int id, StallInput input, string form, bool bulk,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        input.Validate(ModelState, text, form, bulk);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var codes = input.Codes(bulk);
        var clashes = StallLayout.Clashes(codes, Stalls.Select(s => s.Stall.Code));
        if (clashes.Count > 0)
        {
            ModelState.AddModelError(bulk ? $"{form}.{nameof(StallInput.Prefix)}" : $"{form}.{nameof(StallInput.Code)}",
                text["Validation.StallCodeTaken", string.Join(", ", clashes)]);
            return Page();
        }
        db.Stalls.AddRange(codes.Select(code => input.NewStall(Venue.Id, code)));
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = text["Stalls.Added", codes.Count, codes[0], codes[^1]];
        return Redirect($"/Staff/Venues/{id}/Stalls");
    }

    private async Task<IActionResult> ChangeStallAsync(int id, int stallId, Func<Stall, Task<string>> change,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var stall = await db.Stalls.SingleOrDefaultAsync(s => s.Id == stallId && s.VenueId == id, cancellationToken);
        if (stall is null)
        {
            return NotFound();
        }
        StatusMessage = await change(stall);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/Staff/Venues/{id}/Stalls");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var venue = await db.Venues.AsNoTracking().Include(v => v.Municipality)
            .SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (venue is null || !scope.Covers(venue.MunicipalityId))
        {
            return false;
        }
        Venue = venue;
        var now = clock.GetUtcNow().UtcDateTime;
        Stalls = await db.Stalls.AsNoTracking()
            .Where(s => s.VenueId == id)
            .OrderBy(s => s.Code)
            .Select(s => new StallRow(s, db.Bookings.Count(b => b.StallId == s.Id
                && Active.Contains(b.Status) && b.FairDay!.EndsAtUtc > now)))
            .ToListAsync(cancellationToken);
        return true;
    }
}
