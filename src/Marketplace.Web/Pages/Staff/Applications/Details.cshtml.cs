using System.Security.Claims;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Marketplace.Infrastructure.Producers;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Staff.Applications;

/// <summary>
/// One applicant on one screen: the producer's profile, products and municipality, its
/// certifications with their documents, and the buttons to approve or decline the application.
/// A decision moves on to the next applicant of the queue (oldest first). An application to a
/// series organized outside the staff member's municipalities answers 404.
/// </summary>
public class DetailsModel(
    MarketplaceDbContext db,
    ProducerMessenger messenger,
    Outbox outbox,
    CertificationReview review,
    TimeProvider clock,
    IStringLocalizer<StaffResource> text,
    IStringLocalizer<ProducerResource> producerText) : PageModel
{
    public sealed record CertificationRow(Certification Certification, string? ContentType, string? FileName)
    {
        public bool HasImage => ContentType?.StartsWith("image/", StringComparison.Ordinal) == true;
    }

    public SeriesMembership Application { get; private set; } = null!;
    public Producer Producer => Application.Producer!;
    public IReadOnlyList<string> Products { get; private set; } = [];
    public IReadOnlyList<CertificationRow> Certifications { get; private set; } = [];
    public int NoShows { get; private set; }

    /// <summary>The next applicant waiting after this one, and how many wait in all.</summary>
    public int? NextId { get; private set; }
    public int Waiting { get; private set; }

    [BindProperty(Name = "Reason")]
    public string? Reason { get; set; }

    [BindProperty(Name = "CertificationReason")]
    public string? CertificationReason { get; set; }

    /// <summary>The certification whose decline form answered with an error.</summary>
    public int? FailedCertificationId { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken cancellationToken) =>
        DecideAsync(id, (desk, scope) => desk.ApproveAsync(id, scope, cancellationToken), "Applications.Approved",
            cancellationToken);

    public async Task<IActionResult> OnPostDeclineAsync(int id, CancellationToken cancellationToken)
    {
        var reason = IndexModel.CheckReason(Reason, nameof(Reason), IndexModel.MaxReasonLength, ModelState, text);
        if (reason is null)
        {
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }
        return await DecideAsync(id, (desk, scope) => desk.DeclineAsync(id, scope, reason!, cancellationToken),
            "Applications.Declined", cancellationToken);
    }

    /// <summary>Verifies one of the applicant's certifications here, and comes back to this screen.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(int id, int certification, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Certifications.All(c => c.Certification.Id != certification))
        {
            return NotFound();
        }
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var outcome = await review.VerifyAsync(certification, scope, StaffUserId, cancellationToken);
        return CertificationDecided(id, certification, outcome, "Review.Verified");
    }

    /// <summary>Declines one of the applicant's certifications with a reason, and comes back to this screen.</summary>
    public async Task<IActionResult> OnPostDeclineCertificationAsync(int id, int certification,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Certifications.All(c => c.Certification.Id != certification))
        {
            return NotFound();
        }
        var reason = IndexModel.CheckReason(CertificationReason, nameof(CertificationReason),
            CertificationReview.MaxReasonLength, ModelState, text);
        if (reason is null)
        {
            FailedCertificationId = certification;
            return Page();
        }
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var outcome = await review.DeclineAsync(certification, scope, StaffUserId, reason!, cancellationToken);
        return CertificationDecided(id, certification, outcome, "Review.Declined");
    }

    private IActionResult CertificationDecided(int id, int certification, ReviewOutcome outcome, string done)
    {
        if (outcome == ReviewOutcome.NotFound)
        {
            return NotFound();
        }
        StatusMessage = outcome == ReviewOutcome.Decided ? producerText[done] : producerText["Review.AlreadyDecided"];
        return Redirect($"/Staff/Applications/{id}#c-{certification}");
    }

    private string StaffUserId => User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("The Staff policy lets only signed-in users in.");

    private async Task<IActionResult> DecideAsync(int id,
        Func<SeriesApplications, StaffScope, Task<ApplicationDecision>> decide, string doneMessage,
        CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var outcome = await decide(new SeriesApplications(db, messenger, outbox, clock), scope);
        if (outcome == ApplicationDecision.NotFound)
        {
            return NotFound();
        }
        StatusMessage = outcome == ApplicationDecision.Decided ? text[doneMessage] : text["Applications.AlreadyDecided"];
        var next = await WaitingIn(scope).Where(m => m.Id != id).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken);
        return next is { } nextId ? RedirectToPage(new { id = nextId }) : RedirectToPage("./Index");
    }

    /// <summary>The applications waiting for the staff member's municipalities, oldest first.</summary>
    private IQueryable<SeriesMembership> WaitingIn(StaffScope scope)
    {
        var all = scope.All;
        var ids = scope.MunicipalityIds;
        return db.SeriesMemberships.AsNoTracking()
            .Where(m => m.Status == SeriesMembershipStatus.Applied
                && (all || ids.Contains(m.FairSeries!.OrganizerMunicipalityId)))
            .OrderBy(m => m.AppliedAtUtc).ThenBy(m => m.Id);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var application = await db.SeriesMemberships.AsNoTracking()
            .Include(m => m.FairSeries)
            .Include(m => m.Producer!).ThenInclude(p => p.Municipality)
            .Include(m => m.Producer!).ThenInclude(p => p.Products).ThenInclude(pp => pp.ProductCategory)
            .SingleOrDefaultAsync(m => m.Id == id && m.Producer!.DeletedAtUtc == null, cancellationToken);
        if (application is null || !scope.Covers(application.FairSeries!.OrganizerMunicipalityId))
        {
            return false;
        }
        Application = application;
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        Products = application.Producer!.Products
            .Where(pp => pp.ProductCategory is not null)
            .OrderBy(pp => pp.ProductCategory!.SortOrder)
            .Select(pp => pp.ProductCategory!.NameFor(culture))
            .ToList();
        var producerId = application.ProducerId;
        Certifications = await db.Certifications.AsNoTracking()
            .Where(c => c.ProducerId == producerId)
            .OrderByDescending(c => c.ValidTo)
            .Select(c => new CertificationRow(c,
                db.StoredFiles.Where(f => f.Id == c.DocumentFileId).Select(f => f.ContentType).FirstOrDefault(),
                db.StoredFiles.Where(f => f.Id == c.DocumentFileId).Select(f => f.FileName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        NoShows = (await FairDays.NoShowCount.ForAsync(db, [producerId], cancellationToken)).GetValueOrDefault(producerId);
        var waiting = await WaitingIn(scope).Select(m => m.Id).ToListAsync(cancellationToken);
        Waiting = waiting.Count;
        NextId = waiting.Where(w => w != id).Cast<int?>().FirstOrDefault();
        return true;
    }
}
