using System.Globalization;
using System.Security.Claims;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Marketplace.Infrastructure.Privacy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.ProducerArea.MyData;

/// <summary>
/// "My data" (Ley 29733, LGPD): what the site holds about the signed-in account, a JSON download
/// of all of it, and the deletion of the account, confirmed by the current password.
/// </summary>
// The page and its download are the person's whole file: no browser or proxy may keep a copy.
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public class IndexModel(
    MarketplaceDbContext db,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    BookingDesk desk,
    TimeProvider clock,
    IStringLocalizer<StaffResource> text,
    ILogger<IndexModel> logger) : PageModel
{
    public PersonalData Data { get; private set; } = null!;

    /// <summary>The account was just deleted: the page only says so.</summary>
    public bool Deleted { get; private set; }

    [BindProperty(Name = "Password")]
    public string? Password { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : Challenge();

    /// <summary>Everything as a JSON file, downloaded rather than shown.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Challenge();
        }
        var today = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(PersonalDataExport.ToJson(Data), "application/json; charset=utf-8", $"my-data-{today}.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !await LoadAsync(cancellationToken))
        {
            return Challenge();
        }
        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), text["Validation.Required", text["Field.CurrentPassword"]]);
            return Page();
        }
        var check = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            ModelState.AddModelError(nameof(Password),
                text[check.IsLockedOut ? "MyData.LockedOut" : "MyData.WrongPassword"]);
            return Page();
        }

        var result = await new AccountEraser(db, users, desk, clock).EraseAsync(user, cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
            return Page();
        }
        logger.LogInformation("Account {UserId} deleted at its owner's request", user.Id);
        await signIn.SignOutAsync();
        // The rest of this response (the layout's menu) already speaks to a visitor.
        HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
        Deleted = true;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        var data = userId is null
            ? null
            : await new PersonalDataExport(db, clock).CollectAsync(userId, CultureInfo.CurrentUICulture.Name, cancellationToken);
        if (data is null)
        {
            return false;
        }
        Data = data;
        return true;
    }
}
