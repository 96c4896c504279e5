using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Orders.Api.Data;

namespace Orders.Api.Controllers;

[ApiController]
[Authorize]
[Route("orders/{id:guid}/receipt")]
public class ReceiptsController(OrdersDb db, IWebHostEnvironment env) : ControllerBase
{
    [HttpPost]
    public async Task<IActionResult> Upload(Guid id, IFormFile receipt)
    {
        var order = await db.Orders.FindAsync(id);
        if (order is null) return NotFound();

        var folder = Path.Combine(env.WebRootPath, "uploads", "receipts");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{id}-{receipt.FileName}");
        using (var stream = new FileStream(path, FileMode.Create))
        {
            await receipt.CopyToAsync(stream);
        }

        order.ReceiptPath = path;
        await db.SaveChangesAsync();
        return Created($"/orders/{id}/receipt", null);
    }
}
