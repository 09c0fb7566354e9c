using System.ComponentModel.DataAnnotations;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Marketplace.Infrastructure.Mail;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProducerRow = Marketplace.Domain.Producers.Producer;

namespace Marketplace.Web.Pages.Staff.Producers;

/// <summary>
/// One producer of the staff member's municipalities. For an assisted producer staff can add an
/// e-mail address, which creates its account and sends an invitation to choose a password.
/// Producers of other municipalities answer 404, as if they did not exist.
/// </summary>
public class DetailsModel(
    MarketplaceDbContext db,
    UserManager<AppUser> users,
    Outbox outbox,
    IStringLocalizer<StaffResource> text,
    ILogger<DetailsModel> logger) : PageModel
{
    public ProducerRow Producer { get; private set; } = null!;
    public string MunicipalityName { get; private set; } = "";
    public string? AccountEmail { get; private set; }
    /// <summary>The account exists but its password was never chosen.</summary>
    public bool InvitationPending { get; private set; }
    /// <summary>Bookings the producer held and did not come to.</summary>
    public int NoShows { get; private set; }

    [BindProperty(Name = "Email")]
    public string? Email { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>"Add e-mail": the account, its link to the producer and the invitation, in one transaction.</summary>
    public async Task<IActionResult> OnPostInviteAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (Producer.UserId is not null)
        {
            StatusMessage = text["Invite.AlreadyHasAccount"];
            return RedirectToPage(new { id });
        }
        var email = Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            ModelState.AddModelError(nameof(Email), text["Validation.Required", text["Field.Email"]]);
        }
        else if (email.Length > 256 || !new EmailAddressAttribute().IsValid(email))
        {
            ModelState.AddModelError(nameof(Email), text["Validation.Email"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await new ProducerInvitation(db, users, outbox).InviteAsync(Producer, email!, cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Email), error.Code == ProducerInvitation.AlreadyInvited
                    ? text["Invite.AlreadyHasAccount"]
                    : error.Description);
            }
            return Page();
        }
        logger.LogInformation("Producer {ProducerId} invited to take over its account {UserId}", Producer.Id, Producer.UserId);
        StatusMessage = text["Invite.Sent", email!];
        return RedirectToPage(new { id });
    }

    /// <summary>A fresh invitation link, while the producer has not chosen a password yet.</summary>
    public async Task<IActionResult> OnPostSendAgainAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var sent = await new ProducerInvitation(db, users, outbox).SendAgainAsync(Producer, cancellationToken);
        StatusMessage = sent ? text["Invite.Sent", AccountEmail ?? ""] : text["Invite.NotPending"];
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        var producer = await db.Producers
            .Include(p => p.Municipality)
            .SingleOrDefaultAsync(p => p.Id == id && p.DeletedAtUtc == null, cancellationToken);
        if (producer is null || !scope.Covers(producer.MunicipalityId))
        {
            return false;
        }
        Producer = producer;
        MunicipalityName = producer.Municipality!.Name;
        NoShows = (await FairDays.NoShowCount.ForAsync(db, [producer.Id], cancellationToken)).GetValueOrDefault(producer.Id);
        if (producer.UserId is not null)
        {
            var account = await db.Users.AsNoTracking()
                .Where(u => u.Id == producer.UserId)
                .Select(u => new { u.Email, HasPassword = u.PasswordHash != null })
                .SingleOrDefaultAsync(cancellationToken);
            AccountEmail = account?.Email;
            InvitationPending = account is { HasPassword: false };
        }
        return true;
    }
}
