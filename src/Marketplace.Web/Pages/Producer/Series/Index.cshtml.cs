using System.Security.Claims;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.ProducerArea.Series;

/// <summary>
/// The active fair series of the producer's region, whether each needs the organizers' approval,
/// and the producer's application: apply, see it pending, approved or declined with the reason.
/// </summary>
public class IndexModel(MarketplaceDbContext db, TimeProvider clock, IStringLocalizer<StaffResource> text) : PageModel
{
    public const string ProfilePath = "/Producer/Profile";

    /// <summary>The account has no producer profile yet: there is nobody to apply for.</summary>
    public bool HasProducer { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed record Row(int Id, string Name, string Organizer, bool RequiresApproval,
        SeriesMembershipStatus? Status, string? DecisionReason, DateTime? DecidedAtUtc);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var producer = await ProducerAsync(cancellationToken);
        HasProducer = producer is not null;
        if (producer is null)
        {
            return;
        }
        var producerId = producer.Id;
        Rows = await SeriesOfRegion(producer.RegionId)
            .OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                s.Name,
                Organizer = s.OrganizerMunicipality!.Name,
                s.RequiresApproval,
                Membership = db.SeriesMemberships
                    .Where(m => m.FairSeriesId == s.Id && m.ProducerId == producerId)
                    .Select(m => new { m.Status, m.DecisionReason, m.DecidedAtUtc })
                    .FirstOrDefault(),
            })
            .Select(s => new Row(s.Id, s.Name, s.Organizer, s.RequiresApproval,
                s.Membership == null ? null : s.Membership.Status,
                s.Membership == null ? null : s.Membership.DecisionReason,
                s.Membership == null ? null : s.Membership.DecidedAtUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Applies to a series that requires approval. Applying again while the application is open
    /// or approved changes nothing; after a decline it is a new application.
    /// </summary>
    /// <param name="returnUrl">
    /// The page the producer applied from (a fair day's, the booking page): it is sent back there, where the
    /// stall picker shows the application's status. Only a local address is followed; otherwise this page.
    /// </param>
    public async Task<IActionResult> OnPostApplyAsync(int id, string? returnUrl, CancellationToken cancellationToken)
    {
        var producer = await ProducerAsync(cancellationToken);
        if (producer is null)
        {
            return RedirectToPage();
        }
        var series = await SeriesOfRegion(producer.RegionId)
            .Where(s => s.Id == id)
            .Select(s => new { s.Id, s.Name, s.RequiresApproval })
            .SingleOrDefaultAsync(cancellationToken);
        if (series is null)
        {
            return NotFound();
        }
        if (!series.RequiresApproval)
        {
            return Done(returnUrl, text["Series.NoApprovalNeeded", series.Name]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var membership = await db.SeriesMemberships
            .SingleOrDefaultAsync(m => m.FairSeriesId == id && m.ProducerId == producer.Id, cancellationToken);
        if (membership is null)
        {
            db.SeriesMemberships.Add(new SeriesMembership
            {
                FairSeriesId = id,
                ProducerId = producer.Id,
                Status = SeriesMembershipStatus.Applied,
                AppliedAtUtc = now,
            });
        }
        else if (membership.Status == SeriesMembershipStatus.Declined)
        {
            membership.Status = SeriesMembershipStatus.Applied;
            membership.DecisionReason = null;
            membership.DecidedAtUtc = null;
            membership.AppliedAtUtc = now;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (membership is null)
        {
            // A second click that arrived at the same moment: the first one's application stands.
            if (!await AppliedMeanwhileAsync(id, producer.Id))
            {
                throw;
            }
        }
        return Done(returnUrl, membership?.Status == SeriesMembershipStatus.Approved
            ? text["Series.AlreadyApproved", series.Name]
            : text["Series.Applied", series.Name]);
    }

    /// <summary>Back to the page applied from, which tells the status itself; else this page, saying <paramref name="message"/>.</summary>
    private IActionResult Done(string? returnUrl, string message)
    {
        if (Url.IsLocalUrl(returnUrl))
        {
            return LocalRedirect(returnUrl);
        }
        StatusMessage = message;
        return RedirectToPage();
    }

    private IQueryable<FairSeries> SeriesOfRegion(int regionId) => OpenSeries.OfRegion(db, regionId, clock.GetUtcNow().UtcDateTime);

    private async Task<bool> AppliedMeanwhileAsync(int seriesId, int producerId)
    {
        db.ChangeTracker.Clear();
        return await db.SeriesMemberships.AnyAsync(m => m.FairSeriesId == seriesId && m.ProducerId == producerId);
    }

    private async Task<SignedInProducer?> ProducerAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        return await db.Producers.AsNoTracking()
            .Where(p => p.UserId == userId && p.DeletedAtUtc == null)
            .Select(p => new SignedInProducer(p.Id, p.Municipality!.RegionId))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private sealed record SignedInProducer(int Id, int RegionId);
}
