#include <gfpdep/kernel.h>
extern struct mutex dev_list_lock;
extern struct mutex config_lock;
void apply_config(void);
int count_devices(void);
