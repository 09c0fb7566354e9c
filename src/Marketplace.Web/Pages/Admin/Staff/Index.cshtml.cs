using Marketplace.Domain.Staff;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Admin.Staff;

/// <summary>
/// Staff memberships: an existing account (found by e-mail) becomes staff of a municipality and
/// gets the Staff role; removing its last membership takes the role away again.
/// </summary>
public class IndexModel(MarketplaceDbContext db, UserManager<AppUser> users, IStringLocalizer<OperationsResource> text)
    : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Municipalities { get; private set; } = [];

    /// <summary>Staff and administrators who have not turned two-factor sign-in on: their areas stay closed to them.</summary>
    public IReadOnlyList<string> WithoutTwoFactor { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "municipality")]
    public int? Filter { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public int? MunicipalityId { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed record Row(string UserId, string? Email, int MunicipalityId, string Municipality);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var email = Email?.Trim();
        AppUser? user = null;
        if (string.IsNullOrEmpty(email))
        {
            ModelState.AddModelError(nameof(Email), text["Validation.Required", text["Field.Email"]]);
        }
        else if ((user = await users.FindByEmailAsync(email)) is null)
        {
            ModelState.AddModelError(nameof(Email), text["Memberships.NoAccount"]);
        }
        if (Municipalities.All(m => m.Id != MunicipalityId))
        {
            ModelState.AddModelError(nameof(MunicipalityId), text["Validation.Required", text["Field.Municipality"]]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var municipalityId = MunicipalityId!.Value;
        if (await db.StaffMemberships.AnyAsync(m => m.UserId == user!.Id && m.MunicipalityId == municipalityId, cancellationToken))
        {
            StatusMessage = text["Memberships.AlreadyStaff", email!];
            return RedirectToPage();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.StaffMemberships.Add(new StaffMembership { UserId = user!.Id, MunicipalityId = municipalityId });
        await db.SaveChangesAsync(cancellationToken);
        if (!await users.IsInRoleAsync(user, Roles.Staff))
        {
            var added = await users.AddToRoleAsync(user, Roles.Staff);
            if (!added.Succeeded)
            {
                ModelState.AddModelError(nameof(Email), string.Join(" ", added.Errors.Select(e => e.Description)));
                return Page();
            }
        }
        await transaction.CommitAsync(cancellationToken);
        StatusMessage = text["Memberships.Added", email!, Municipalities.Single(m => m.Id == municipalityId).Name];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string userId, int municipalityId, CancellationToken cancellationToken)
    {
        var membership = await db.StaffMemberships
            .SingleOrDefaultAsync(m => m.UserId == userId && m.MunicipalityId == municipalityId, cancellationToken);
        if (membership is null)
        {
            return NotFound();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.StaffMemberships.Remove(membership);
        await db.SaveChangesAsync(cancellationToken);
        var user = await users.FindByIdAsync(userId);
        if (user is not null && !await db.StaffMemberships.AnyAsync(m => m.UserId == userId, cancellationToken)
            && await users.IsInRoleAsync(user, Roles.Staff))
        {
            await users.RemoveFromRoleAsync(user, Roles.Staff);
        }
        await transaction.CommitAsync(cancellationToken);
        StatusMessage = text["Memberships.Removed", user?.Email ?? userId];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Municipalities = (await db.Municipalities.AsNoTracking().OrderBy(m => m.Name)
                .Select(m => new { m.Id, m.Name }).ToListAsync(cancellationToken))
            .Select(m => (m.Id, m.Name)).ToList();
        var filter = Filter;
        Rows = await db.StaffMemberships.AsNoTracking()
            .Where(m => filter == null || m.MunicipalityId == filter)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, u.Email, m.MunicipalityId, m.Municipality!.Name })
            .OrderBy(r => r.Name).ThenBy(r => r.Email)
            .Select(r => new Row(r.UserId, r.Email, r.MunicipalityId, r.Name))
            .ToListAsync(cancellationToken);
        var roles = Roles.RequireTwoFactor;
        WithoutTwoFactor = await db.Users.AsNoTracking()
            .Where(u => !u.TwoFactorEnabled
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))))
            .OrderBy(u => u.Email)
            .Select(u => u.Email ?? u.UserName ?? u.Id)
            .ToListAsync(cancellationToken);
    }
}
